"""Menu entries, inbox items and activity labels of evaluation (registered in
EvaluationConfig.ready)."""

from __future__ import annotations
