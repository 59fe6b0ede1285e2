"""The window's door to the engine is ``pricelookup.run.api`` itself: the module must answer every call
of the ``EngineDoor`` protocol with the same parameters (the test fake implements the same protocol)."""

from __future__ import annotations

import inspect

from gui_fakes import FakeEngine

from pricelookup.gui.bridge import EngineDoor
from pricelookup.run import api


def _protocol_methods() -> dict[str, inspect.Signature]:
    return {name: inspect.signature(member) for name, member in vars(EngineDoor).items()
            if inspect.isfunction(member) and not name.startswith("_")}


def _parameters(signature: inspect.Signature) -> list[tuple[str, object]]:
    return [(p.name, p.kind) for p in signature.parameters.values() if p.name != "self"]


def test_run_api_implements_every_call_the_window_makes() -> None:
    methods = _protocol_methods()
    assert {"run_in_child_process", "test_connection", "key_statuses", "save_keys"} <= methods.keys()
    for name, wanted in methods.items():
        implementation = getattr(api, name)
        got = inspect.signature(implementation)
        extra = [p for p in got.parameters.values() if p.name not in wanted.parameters]
        assert _parameters(got)[:len(_parameters(wanted))] == _parameters(wanted), name
        assert all(p.default is not inspect.Parameter.empty for p in extra), (name, extra)  # optional only
        assert inspect.iscoroutinefunction(implementation) == inspect.iscoroutinefunction(vars(EngineDoor)[name]), name


def test_the_test_fake_implements_the_same_protocol() -> None:
    for name, wanted in _protocol_methods().items():
        got = inspect.signature(getattr(FakeEngine, name))
        assert [n for n, _k in _parameters(got)] == [n for n, _k in _parameters(wanted)], name
