"""The content of an LKjIP as one JSON-ready dict: every table, figure and narrative the
renderers (PDF, DOCX, Excel) and the pages draw, computed from the data in a constant number of
queries, or read from the report's snapshot once it is published.

Public functions (the contract other modules code against):

* ``build_content(report) -> dict``: live content from the data (narratives from Section rows);
* ``content_for(report) -> dict``: the snapshot of a published report, else ``build_content``.

Schema (version 1). Numbers are strings of Decimals ("95.00") or null, never floats; display
formatting (Indonesian "95,00", Rupiah) is the renderers' job; texts are plain text except
``narratives`` (cleaned HTML of the small rich-text subset)::

    {
      "schema": 1,
      "kind": "opd" | "pemda",
      "year": 2026,
      "up_to_quarter": 4,            # the last quarter with data the report uses
      "generated_at": "2026-11-29T10:00:00+07:00",
      "pemda": {"name": str, "place": str},
      "unit": {"code": str, "name": str},          # the OPD, or the Pemda for kind "pemda"
      "head": {"name": str, "title": str, "nip": str},   # who signs the report
      "narratives": {section key: html},           # ikhtisar, bab1, bab2, bab3a, bab3b, bab4,
                                                   # and "sasaran:<code>" per sasaran
      "summary": {"indicators": int, "mean_capaian": str|null,
                  "bands": {"sangat_tinggi": int, "tinggi": int, "sedang": int, "rendah": int,
                            "sangat_rendah": int, "none": int}},
      "pk": {"signed_on": str|null, "verification_code": str, "first_party": str,
             "second_party": str,
             "lines": [{"number": int, "sasaran": str, "indicator": str, "unit": str,
                        "target": str}],
             "budget": [{"level": str, "name": str, "amount": str|null}]},
      "iku": [{"indicator": str, "unit": str, "definition": str, "formula": str,
               "source": str, "target": str}],
      "sasaran": [{
          "code": str, "number": str, "statement": str,
          "capaian": str|null, "predicate": str|null,       # predicate label, e.g. "Tinggi"
          "indicators": [{
              "code": str, "name": str, "unit": str, "polarity": str, "aggregation": str,
              "target": str, "realisation": str, "capaian": str|null, "predicate": str|null,
              "quarters": [{"quarter": 1..4, "target": str, "realisation": str,
                            "capaian": str|null, "status": str}],
              "history": [{"year": int, "target": str, "realisation": str,
                           "capaian": str|null}],                          # (2) prior years
              "end_target": {"year": int, "target": str, "progress": str|null},   # (3)
              "national_standard": str,                                        # (4)
              "obstacles": [str], "solutions": [str],                          # (5)
          }],
          "efficiency": {"pagu": str|null, "spent": str|null, "absorption": str|null,
                         "efficiency": str|null},                              # (6)
          "programs": [{"code": str, "name": str, "pagu": str|null, "spent": str|null,
                        "absorption": str|null, "capaian": str|null}],         # (7)
      }],
      "budget": {"rows": [{"level": str, "code": str, "name": str, "pagu": str|null,
                           "spent": str|null, "absorption": str|null}],
                 "total_pagu": str|null, "total_spent": str|null, "absorption": str|null},
      "measurement_form": [{"sasaran": str, "indicator": str, "unit": str, "target": str,
                            "tw": [str, str, str, str], "realisation": str,
                            "capaian": str|null}],
    }

Official figures use verified realisations only (apps.measurement.rollup verified_only=True;
docs/measurement.md "Roll-up, efficiency and dashboards").
"""

from __future__ import annotations
