"""Pages of the plans (plans.py, review.py, renja.py) and of the pohon kinerja (tree.py)."""
