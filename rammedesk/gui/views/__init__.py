"""Pages shown in the main window's content area."""
