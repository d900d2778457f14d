"""Qt item models over presenter rows (QAbstractTableModel adapters, no logic of their own)."""
