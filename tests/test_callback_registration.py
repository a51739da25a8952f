"""Every app built in a process gets every callback: Dash runs the page modules again for each app it builds,
but not the modules they import, so a helper module that registers callbacks at import (`@dash.callback`,
`dash.clientside_callback`) gives them to the first app only - in tests, a form that silently did nothing
once another app had been built first. Such modules register on the app instead (`register_callbacks(app)`)."""

from __future__ import annotations

import ast
from pathlib import Path

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard"


def _registers_at_import(tree: ast.Module) -> list[int]:
    lines = []
    for node in tree.body:  # module level only: inside a function it registers on the app it is given
        calls = [node.value] if isinstance(node, ast.Expr) else []
        if isinstance(node, ast.FunctionDef):
            calls = node.decorator_list
        for call in calls:
            target = call.func if isinstance(call, ast.Call) else call
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and \
                    target.value.id == "dash" and target.attr in ("callback", "clientside_callback"):
                lines.append(node.lineno)
    return lines


def test_only_page_modules_register_callbacks_at_import():
    offenders = {}
    for path in sorted(DASHBOARD.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if "register_page(" in source:
            continue  # a page: Dash runs it for every app
        lines = _registers_at_import(ast.parse(source))
        if lines:
            offenders[str(path.relative_to(DASHBOARD))] = lines
    assert offenders == {}


def test_the_check_sees_a_module_level_registration():
    tree = ast.parse("import dash\n@dash.callback(1)\ndef f():\n    pass\ndash.clientside_callback(2)\n")
    assert _registers_at_import(tree) == [3, 5]  # a decorated function: the line of its def
