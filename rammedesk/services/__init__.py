"""Use cases shared by the GUI (through presenters) and the CLI; return frozen results."""
