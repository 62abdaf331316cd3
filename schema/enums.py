"""The domain's enumerations, registered as GraphQL enums under their own names.

Types import the enums from here, which guarantees they are registered first.
"""

import strawberry

from models import CategoryOrigin, Role
from models.setup import CalcType, RoundingMode

strawberry.enum(Role, description="What a user may see and do.")
strawberry.enum(CategoryOrigin, description="Where a section category came from.")
strawberry.enum(
    CalcType, description="How a term's grade for a grading task is calculated."
)
strawberry.enum(
    RoundingMode, description="How a calculated grade is rounded to its places."
)

__all__ = ["CalcType", "CategoryOrigin", "Role", "RoundingMode"]
