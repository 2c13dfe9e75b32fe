"""The bench harness (bench/, `make bench`): its maths, its verdicts and the shape of
bench/results.json, and one quick measuring run on the test cast's tiny Pemda. Speed itself is
never asserted here (issue 8: targets live in the bench, not in timed tests)."""

from __future__ import annotations

import json

import pytest

from bench import stats
from bench.load import summary


def test_percentile_interpolates_between_closest_ranks():
    assert stats.percentile([1, 2, 3, 4], 50) == 2.5
    assert stats.percentile(range(1, 21), 95) == pytest.approx(19.05)
    assert stats.percentile([7], 95) == 7
    assert stats.percentile([5, 1, 3], 0) == 1
    assert stats.percentile([5, 1, 3], 100) == 5
    with pytest.raises(ValueError):
        stats.percentile([], 50)
    with pytest.raises(ValueError):
        stats.percentile([1], 101)


def test_summarise():
    out = stats.summarise([10.0] * 19 + [100.0])
    assert out == {"n": 20, "p50_ms": 10.0, "p95_ms": 14.5, "mean_ms": 14.5}


def _page(p95, ratio, queries, n=20):
    return {"n": n, "p50_ms": p95 / 2, "p95_ms": p95, "floor_ratio": ratio, "queries": queries}


def _results(**change):
    results = {
        "sizes": {"demo": {}, "province": {}},
        "pages": {
            "demo": {"pages": {"grid": _page(50, 3, 12), "login": _page(5, 1, 2)}},
            "province": {"pages": {"grid": _page(250, 9.5, 12), "login": _page(6, 1, 2)}},
        },
        "pdf": {
            "province opd": {
                "pages": 20,
                "seconds": 5.0,
                "pages_per_s": 4.0,
                "floor_seconds": 4.2,
                "floor_ratio": 1.2,
                "peak_mib": 200.0,
            }
        },
        "load": {
            "users": 50,
            "seconds": 60,
            "requests": 900,
            "rps": 15.0,
            "p50_ms": 120.0,
            "p95_ms": 400.0,
            "failures": 0,
        },
    }
    results.update(change)
    return results


def _failed(results):
    return [c["name"] for c in stats.evaluate(results) if not c["ok"]]


def test_everything_within_the_targets_passes():
    done = stats.finish(_results())
    assert done["ok"] is True
    assert _failed(_results()) == []
    assert any(c["name"] == "grid queries equal (demo vs province)" for c in done["checks"])


def test_each_target_fails_on_its_own():
    slow = _results()
    slow["pages"]["province"]["pages"]["grid"]["p95_ms"] = 300.0
    assert _failed(slow) == ["province grid p95 < 300 ms"]

    heavy = _results()
    heavy["pages"]["province"]["pages"]["grid"]["floor_ratio"] = 10.5
    assert _failed(heavy) == ["province grid ≤ 10× floor"]

    more_queries = _results()
    more_queries["pages"]["province"]["pages"]["grid"]["queries"] = 13
    assert _failed(more_queries) == ["grid queries equal (demo vs province)"]

    # The computed page (the first request after a change, not from the page cache) too.
    computed = _results()
    for size, count in (("demo", 14), ("province", 15)):
        computed["pages"][size]["pages"]["grid"]["cold_queries"] = count
    assert _failed(computed) == ["grid queries equal when computed (demo vs province)"]
    computed["pages"]["province"]["pages"]["grid"]["cold_queries"] = 14
    assert _failed(computed) == []

    few = _results()
    few["pages"]["demo"]["pages"]["login"]["n"] = 19
    assert _failed(few) == ["demo login requests"]

    assert _failed(_results(pdf={"province opd": {"pages_per_s": 2.9, "floor_ratio": 1.0}})) == [
        "LKjIP province opd ≥ 3 pages/s"
    ]
    assert _failed(_results(pdf={"province opd": {"pages_per_s": 9, "floor_ratio": 1.31}})) == [
        "LKjIP province opd ≤ 1.3× WeasyPrint floor"
    ]
    assert _failed(_results(load={"failures": 1, "p95_ms": 10.0})) == ["load run 0 errors"]
    assert _failed(_results(load={"failures": 0, "p95_ms": 500.0})) == ["load run p95 < 500 ms"]


def test_a_missing_measurement_is_a_failure():
    assert _failed(_results(load=None)) == ["load run"]
    assert _failed(_results(pdf={})) == ["LKjIP measured"]
    broken = _results()
    broken["pages"]["province"]["pages"]["grid"] = {"error": "no 200"}
    assert _failed(broken) == ["province grid answers", "grid queries equal"]
    no_province = _results(sizes={"demo": {}})
    del no_province["pages"]["province"]
    assert "province-size pages measured" in _failed(no_province)


def test_results_json_shape():
    done = stats.finish(_results())
    assert list(done) == list(stats.RESULT_KEYS)
    assert done["version"] == stats.RESULTS_VERSION
    json.dumps(done)  # serialisable as written to bench/results.json
    text = stats.table(done)
    assert "PASS  province grid p95 < 300 ms: 250.0 ms" in text
    assert text.rstrip().endswith("PASS")
    failing = _results()
    failing["load"]["failures"] = 2
    failing = stats.finish(failing)
    assert failing["ok"] is False
    assert "FAIL  load run 0 errors: 2" in stats.table(failing)


def test_locust_csv_summary(tmp_path):
    header = "Type,Name,Request Count,Failure Count,50%,95%,Requests/s\n"
    (tmp_path / "stats.csv").write_text(
        header
        + "GET,grid,90,1,40,120,1.5\n"
        + "POST,login,10,0,300,600,0.2\n"
        + ",Aggregated,100,1,45,310,1.7\n"
    )
    (tmp_path / "failures.csv").write_text(
        "Method,Name,Error,Occurrences\nGET,grid,/measure/x/: 500,1\n"
    )
    out = summary(tmp_path / "stats.csv", tmp_path / "failures.csv", 50, 60)
    assert out["requests"] == 100 and out["failures"] == 1
    assert out["p95_ms"] == 310.0 and out["rps"] == 1.7
    assert out["by_page"]["POST login"]["p95_ms"] == 600.0
    assert out["failure_samples"] == ["1× GET grid: /measure/x/: 500"]
    assert "error" in summary(tmp_path / "none.csv", tmp_path / "none.csv", 50, 60)


@pytest.mark.django_db
def test_measure_on_the_tiny_cast(cast):
    """The measuring function on the cast's Pemda: the floor and the pages with something to
    show are measured (n requests, p50 ≤ p95, a query count, a ratio to the floor); pages whose
    object the cast lacks (no RPJMD period, PK or evaluation; nothing published, so no portal
    page) are reported as errors."""
    from bench.pages import PAGES, measure

    out = measure(cast.pemda, n=3, warmup=1)
    assert out["pemda"] == cast.pemda.name
    assert out["floor"]["n"] == 30  # ten times the pages' requests
    assert set(out["pages"]) == set(PAGES)
    for name in ("login", "opd_dashboard", "pemda_dashboard"):
        page = out["pages"][name]
        assert "error" not in page, page
        assert page["n"] == 3
        assert page["p50_ms"] <= page["p95_ms"]
        assert page["queries"] >= (0 if name == "login" else 1)
        assert page["cold_queries"] >= page["queries"]
        assert page["floor_ratio"] > 0
    assert out["pages"]["opd_dashboard"]["as"] == cast.admin.username
    assert "error" in out["pages"]["pk_detail"]
    assert out["pages"]["portal_pemda"]["error"] == "no 200 (anonymous: 404)"


def test_the_pdf_peak_memory_is_measured_from_its_start():
    """bench.pdf's peak memory is the rendering's: a transient before start_peak() does not
    count, an allocation after it does."""
    from bench.pdf import peak_since_start, start_peak

    before = b"\x01" * (160 * 2**20)  # written, so resident
    del before
    baseline = start_peak()
    assert peak_since_start() < baseline + 80 * 1024
    during = b"\x01" * (96 * 2**20)
    assert peak_since_start() >= baseline + 90 * 1024
    del during
