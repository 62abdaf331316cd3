"""Reading Ed-Fi XML interchange files into elements that know their line.

ElementTree's own parser forgets where an element was; expat knows, so the
tree is built from expat events and every element keeps its line number for
error messages.
"""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.parsers import expat

from importers.common import ImportFileError, points_fault
from importers.roster_plan import Origin

NAMESPACE = "http://ed-fi.org/5.2.0"


class LocatedElement(ET.Element):
    """An element with the line of its start tag in the source file."""

    line: int = 0


class Record:
    """One top-level element of an interchange, with checked accessors.

    Paths are written without the namespace: "SchoolReference/SchoolIdentity".
    """

    def __init__(self, path: Path, element: LocatedElement) -> None:
        self.path = path
        self.element = element
        self.line = element.line
        self.tag = element.tag.removeprefix(f"{{{NAMESPACE}}}")

    def same_content(self, other: "Record") -> bool:
        """True when both elements say the same, whatever their layout."""
        return _content(self.element) == _content(other.element)

    def fail(self, reason: str) -> ImportFileError:
        return ImportFileError(self.path, self.line, f"{self.tag}: {reason}")

    def origin(self) -> Origin:
        return Origin(self.path, self.line)

    def optional(self, path: str) -> str | None:
        found = self.element.find(_qualified(path))
        if found is None or found.text is None or not found.text.strip():
            return None
        return found.text.strip()

    def required(self, path: str) -> str:
        value = self.optional(path)
        if value is None:
            raise self.fail(f"{path} is missing")
        return value

    def all_text(self, path: str) -> list[str]:
        found = self.element.findall(_qualified(path))
        return [item.text.strip() for item in found if item.text and item.text.strip()]

    def all_attributes(self, path: str, attribute: str) -> list[str]:
        found = self.element.findall(_qualified(path))
        return [item.attrib[attribute] for item in found if attribute in item.attrib]

    def date(self, path: str) -> datetime.date:
        value = self.required(path)
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise self.fail(f"{path} is not a date: {value!r}") from None

    def optional_date(self, path: str) -> datetime.date | None:
        return self.date(path) if self.optional(path) is not None else None

    def points(self, path: str, *, positive: bool = False) -> Decimal | None:
        """A number of points that fits its column; see ``points_fault``."""
        value = self.optional(path)
        if value is None:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise self.fail(f"{path} is not a number: {value!r}") from None
        fault = points_fault(number, positive=positive)
        if fault is not None:
            raise self.fail(f"{path} {value} {fault}")
        return number


def descriptor_value(uri: str | None) -> str | None:
    """The readable part of a descriptor URI: "uri://ed-fi.org/X#Fall" -> "Fall"."""
    if uri is None:
        return None
    return uri.rsplit("#", 1)[-1].strip() or None


def read_interchange(path: Path) -> list[Record]:
    """The top-level elements of one interchange file, in file order."""
    root = _parse(path)
    return [Record(path, child) for child in root if isinstance(child, LocatedElement)]


def _parse(path: Path) -> LocatedElement:
    builder = ET.TreeBuilder(element_factory=LocatedElement)
    parser = expat.ParserCreate(namespace_separator="}")

    def start(tag: str, attributes: dict[str, str]) -> None:
        element = builder.start(_clark(tag), attributes)
        element.line = parser.CurrentLineNumber  # type: ignore[attr-defined]

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(_clark(tag))
    parser.CharacterDataHandler = builder.data
    try:
        with path.open("rb") as source:
            parser.ParseFile(source)
    except expat.ExpatError as error:
        reason = f"not a well-formed XML file: {expat.errors.messages[error.code]}"
        raise ImportFileError(path, error.lineno, reason) from None
    root = builder.close()
    assert isinstance(root, LocatedElement)
    return root


def _content(element: ET.Element) -> tuple[object, ...]:
    text = (element.text or "").strip()
    children = tuple(_content(child) for child in element)
    return (element.tag, sorted(element.attrib.items()), text, children)


def _clark(tag: str) -> str:
    """Expat writes "ns}name"; ElementTree spells it "{ns}name"."""
    return f"{{{tag}" if "}" in tag else tag


def _qualified(path: str) -> str:
    return "/".join(f"{{{NAMESPACE}}}{step}" for step in path.split("/"))
