"""Menu entries, inbox items and activity labels of measurement (registered in
MeasurementConfig.ready)."""

from __future__ import annotations
