"""OfficiScan variants are asked only for parent products, with the parent's id.

The variants endpoint takes a *parent's* id and is meant "for products where has_variants=true"
(the doc). A code's snapshots may be about a variant (its own id, has_variants false) or a plain
product: neither is asked. The sandbox follows the doc's model and counts every variants request
made with an id that is no parent's; a run must make none. "No variants" and "asked with the wrong
id" are told apart in the log.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pricelookup.journal import Journal
from pricelookup.records import OfficiscanSnapshot
from pricelookup.run import codec, enrichment
from pricelookup.run.enrichment import (
    OFFICISCAN,
    OFFICISCAN_VARIANTS,
    officiscan_stage,
    variant_parents,
)
from pricelookup.sandbox.data import Catalogue
from pricelookup.sandbox.officiscan import variant_ean, variant_id
from pricelookup.services.officiscan import OfficiscanClient


def client_of(sb: Any) -> OfficiscanClient:
    # a quick pace: the stage's behaviour, not OfficiScan's rate, is under test here
    return OfficiscanClient(f"{sb.url}/officiscan", "oc_variants-test",
                            policy=OfficiscanClient.paced_policy(max_rate=500.0, start_rate=500.0))


def new_run(journal: Journal) -> str:
    return journal.create_run(input_path=None, input_sha256="x", sheet=None, code_column=None, settings={},
                              fingerprint={}, endpoint="sandbox", sandbox=True, app_version="test", rows=4, codes=4)


def test_variants_are_asked_only_for_parents_with_the_parents_id(tmp_path: Path, sandbox_factory,
                                                                  catalogue: Catalogue) -> None:
    sb = sandbox_factory(officiscan_rate=500.0)
    parent = next(o for o in catalogue.officiscan if o.variants >= 2)
    plain = next(o for o in catalogue.officiscan if not o.variants)
    codes = {
        "parent": parent.ean13.zfill(14),
        "variant": variant_ean(parent, 1).zfill(14),  # a product of its own: its snapshots name the variant
        "plain": plain.ean13.zfill(14),
    }

    async def stage(journal: Journal, run_id: str) -> str | None:
        async with client_of(sb) as client:
            return await officiscan_stage(client, journal, run_id, list(codes.values()), days=7, network=None,
                                          variants=True, concurrency=2, tick=lambda *a: None)

    with Journal.open(tmp_path) as journal:
        run_id = new_run(journal)
        assert asyncio.run(stage(journal, run_id)) is None
        snaps = {g: codec.record_from_json(codec.SNAPSHOTS, t) for g, t in journal.enrichment(run_id, OFFICISCAN).items()}
        found = {g: codec.record_from_json(codec.VARIANTS, t)
                 for g, t in journal.enrichment(run_id, OFFICISCAN_VARIANTS).items()}
    stats = sb.stats()["officiscan"]
    assert stats["variants_requests"] == 1  # the parent only
    assert stats["variants_not_parent"] == 0  # never a variant's (or an unknown) id
    assert {s.product_id for s in snaps[codes["variant"]]} == {variant_id(parent, 1)}  # what the old client asked
    assert len(found[codes["parent"]]) == parent.variants
    assert variant_id(parent, 1) in {v.id for v in found[codes["parent"]]}
    assert found[codes["variant"]] == () and found[codes["plain"]] == ()


def snap(product_id: int | None, has_variants: bool | None) -> OfficiscanSnapshot:
    return OfficiscanSnapshot(1, product_id, None, datetime(2026, 1, 1), "n", None, Decimal("1"), None, "EUR", True,
                              None, has_variants=has_variants)


def test_variant_parents_reads_has_variants_and_asks_nothing_it_was_not_told() -> None:
    parents, unsaid = variant_parents([snap(1, True), snap(1, None), snap(2, False), snap(2, None), snap(3, None),
                                       snap(None, True), snap(4, None), snap(4, True)])
    assert parents == [1, 4]  # one snapshot saying so is enough
    assert unsaid == [3]  # not said: not asked (the endpoint takes a parent's id), reported in the log


def test_the_log_tells_no_variants_from_a_wrong_id(sandbox_factory, catalogue: Catalogue,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    sb = sandbox_factory(officiscan_rate=500.0)
    parent = next(o for o in catalogue.officiscan if o.variants >= 2)
    plain = next(o for o in catalogue.officiscan if not o.variants)

    async def ask(*ids: int) -> list[Any]:
        async with client_of(sb) as client:
            return [await enrichment._variants_of(client, i) for i in ids]

    with caplog.at_level(logging.INFO, logger=enrichment.__name__):
        wrong, none, some = asyncio.run(ask(variant_id(parent, 1), plain.product_id, parent.product_id))
    assert wrong == () and none == () and len(some) == parent.variants
    said = {r.getMessage(): r.levelno for r in caplog.records}
    assert said == {
        f"OfficiScan knows no parent product {variant_id(parent, 1)} (404 on its variants): it was asked with the "
        "wrong id although its snapshots say has_variants; no variants recorded": logging.WARNING,
        f"OfficiScan parent product {plain.product_id} has no variants (an empty list)": logging.INFO,
    }
