"""Placement cost modelling (DOMAIN.md §5): days, conventions, P/L, one placement's cost."""
