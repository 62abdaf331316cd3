"""A generated demo district: try gradepush without importing real data."""

from demo.generator import (
    DemoDistrictExistsError,
    database_is_empty,
    generate_district,
)
from demo.spec import SIZE_PRESETS, DemoUsers, DistrictSpec, GeneratedDistrict

__all__ = [
    "SIZE_PRESETS",
    "DemoDistrictExistsError",
    "DemoUsers",
    "DistrictSpec",
    "GeneratedDistrict",
    "database_is_empty",
    "generate_district",
]
