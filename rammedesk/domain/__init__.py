"""Pure domain rules: no I/O libraries, Decimal money, datetime.date dates."""
