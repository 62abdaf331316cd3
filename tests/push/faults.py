"""Injecting a database fault into one section, on either back end.

A trigger refuses new categories for one section, so its push fails inside the
database exactly as a real constraint or lock failure would, in any process.
"""

from tortoise import connections


async def refuse_categories_for(section_id: int) -> None:
    connection = connections.get("default")
    if connection.capabilities.dialect == "postgres":
        await connection.execute_script(
            "CREATE OR REPLACE FUNCTION gp_refuse() RETURNS trigger AS $$ BEGIN"
            " RAISE EXCEPTION 'injected fault'; END $$ LANGUAGE plpgsql;"
            f" CREATE TRIGGER gp_refuse_{section_id} BEFORE INSERT ON section_category"
            f" FOR EACH ROW WHEN (NEW.section_id = {int(section_id)})"
            " EXECUTE FUNCTION gp_refuse();"
        )
    else:
        await connection.execute_script(
            f"CREATE TRIGGER gp_refuse_{section_id} BEFORE INSERT ON section_category"
            f" WHEN NEW.section_id = {int(section_id)}"
            " BEGIN SELECT RAISE(ABORT, 'injected fault'); END;"
        )


async def allow_categories_for(section_id: int) -> None:
    connection = connections.get("default")
    suffix = (
        " ON section_category" if connection.capabilities.dialect == "postgres" else ""
    )
    await connection.execute_script(f"DROP TRIGGER gp_refuse_{section_id}{suffix}")
