"""The list of command modules; each one's `register` adds its sub-parser.

A handler takes the parsed arguments and returns the process exit code.
"""

import argparse
from collections.abc import Callable

from cli import (
    database_commands,
    demo_commands,
    import_commands,
    policy_commands,
    run_command,
    schema_commands,
    token_commands,
)

Register = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]

REGISTRY: list[Register] = [
    database_commands.register,
    demo_commands.register,
    import_commands.register,
    policy_commands.register,
    run_command.register,
    schema_commands.register,
    token_commands.register,
]
