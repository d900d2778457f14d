"""Dialogs: errors, about, help, first start."""
