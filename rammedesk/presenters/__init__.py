"""Qt-free screen logic: state and commands, tested without a QApplication."""
