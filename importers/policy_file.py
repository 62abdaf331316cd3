"""Reading and checking a policy file: everything that needs no database.

The format is documented in docs/policy.md; an example is in
examples/district-policy.toml.
"""

from pathlib import Path

from importers.common import ImportFileError
from importers.policy_rules import (
    CalcOptionRule,
    CategoryRule,
    CompositeRule,
    Names,
    Policy,
    PolicyRule,
    Selector,
)
from importers.policy_source import read_toml
from importers.policy_values import PolicyTable
from models.base import name_key, normalize_name
from models.setup import CalcType, RoundingMode

TOP_KEYS = ("description", "rules")
RULE_KEYS = (
    "name",
    "school",
    "courses",
    "subject",
    "advisory",
    "categories",
    "calc_options",
    "composites",
)
CATEGORY_KEYS = (
    "name",
    "weight",
    "sequence",
    "hidden",
    "exclude_from_calc",
    "drop_lowest",
    "drop_highest",
    "tasks",
)
CALC_OPTION_KEYS = (
    "term",
    "terms",
    "task",
    "tasks",
    "calc_type",
    "weighted",
    "use_score_percent",
    "last_n_assignments",
    "rounding_decimals",
    "rounding_mode",
    "grading_scale",
)
COMPOSITE_KEYS = ("term", "terms", "task", "components")
COMPONENT_KEYS = ("task", "weight")
MAX_ROUNDING_DECIMALS = 4


def load_policy(path: Path) -> Policy:
    """Parse and check a policy file; ``ImportFileError`` names the line at fault."""
    document, source = read_toml(path)
    top = PolicyTable(document, (), source, TOP_KEYS)
    top.text("description")
    if not top.has("rules"):
        raise top.error("the policy has no [[rules]]")
    rules = top.tables("rules", RULE_KEYS)
    return Policy(path, tuple(_rule(n, table) for n, table in enumerate(rules, 1)))


def _rule(number: int, table: PolicyTable) -> PolicyRule:
    return PolicyRule(
        number=number,
        label=table.text("name") or f"line {table.line()}",
        line=table.line(),
        selector=_selector(table),
        categories=_categories(table) if table.has("categories") else None,
        calc_options=_calc_options(table) if table.has("calc_options") else None,
        composites=_composites(table) if table.has("composites") else None,
        advisory=table.flag("advisory", False) if table.has("advisory") else None,
    )


def _selector(table: PolicyTable) -> Selector:
    def given(key: str) -> tuple[str, ...]:
        return (table.names(key) or ()) if table.has(key) else ()

    return Selector(
        schools=given("school"),
        course_patterns=given("courses"),
        subjects=given("subject"),
    )


def _categories(rule: PolicyTable) -> tuple[CategoryRule, ...]:
    categories = [
        _category(position, table)
        for position, table in enumerate(rule.tables("categories", CATEGORY_KEYS), 1)
    ]
    _check_unique_names(rule, categories)
    return tuple(categories)


def _category(position: int, table: PolicyTable) -> CategoryRule:
    return CategoryRule(
        name=table.name("name"),
        weight=table.weight(),
        sequence=table.count("sequence", position),
        hidden=table.flag("hidden", False),
        exclude_from_calc=table.flag("exclude_from_calc", False),
        drop_lowest=table.count("drop_lowest", 0),
        drop_highest=table.count("drop_highest", 0),
        tasks=table.names("tasks") if table.has("tasks") else None,
        line=table.line(),
    )


def _check_unique_names(rule: PolicyTable, categories: list[CategoryRule]) -> None:
    seen: dict[str, CategoryRule] = {}
    for category in categories:
        first = seen.setdefault(name_key(category.name), category)
        if first is not category:
            reason = (
                f"category {category.name!r} repeats {first.name!r}"
                f" (line {first.line}): names must differ beyond case and spacing"
            )
            raise ImportFileError(rule.source.path, category.line, reason)


def _calc_options(rule: PolicyTable) -> tuple[CalcOptionRule, ...]:
    return tuple(_calc_option(t) for t in rule.tables("calc_options", CALC_OPTION_KEYS))


def _calc_option(table: PolicyTable) -> CalcOptionRule:
    return CalcOptionRule(
        terms=_either(table, "term", "terms"),
        tasks=_either(table, "task", "tasks"),
        calc_type=table.choice("calc_type", CalcType, CalcType.IN_PROGRESS),
        weighted=table.flag("weighted", True),
        use_score_percent=table.flag("use_score_percent", False),
        last_n_assignments=table.optional_count("last_n_assignments"),
        rounding_decimals=table.count("rounding_decimals", 0, MAX_ROUNDING_DECIMALS),
        rounding_mode=table.choice("rounding_mode", RoundingMode, RoundingMode.HALF_UP),
        grading_scale=_grading_scale(table),
        line=table.line(),
    )


def _grading_scale(table: PolicyTable) -> str | None:
    scale = table.text("grading_scale")
    if scale is not None and not 1 <= len(scale.strip()) <= 100:
        raise table.error("grading_scale must be 1-100 characters", "grading_scale")
    return scale.strip() if scale else None


def _composites(rule: PolicyTable) -> tuple[CompositeRule, ...]:
    return tuple(_composite(t) for t in rule.tables("composites", COMPOSITE_KEYS))


def _composite(table: PolicyTable) -> CompositeRule:
    task = _task_name(table)
    parts = table.tables("components", COMPONENT_KEYS)
    if not parts:
        raise table.error("a composite needs at least one component", "components")
    components = tuple((_task_name(part), part.weight()) for part in parts)
    keys = [name_key(name) for name, _ in components]
    if name_key(task) in keys:
        raise table.error(f"{task!r} cannot be a component of itself", "components")
    if len(set(keys)) != len(keys):
        raise table.error("a component task is listed twice", "components")
    return CompositeRule(
        _either(table, "term", "terms"), task, components, table.line()
    )


def _task_name(table: PolicyTable) -> str:
    name = normalize_name(table.required_text("task"))
    if not name:
        raise table.error("task must name a grading task", "task")
    return name


def _either(table: PolicyTable, single: str, plural: str) -> Names:
    """Names given under the singular or the plural key, exactly one of them."""
    if table.has(single) == table.has(plural):
        raise table.error(f'give either {single} or {plural} (a list, or "all")')
    return table.names(single if table.has(single) else plural)
