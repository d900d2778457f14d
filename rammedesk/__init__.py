"""RammeDesk: tilbudsvifte, takster, placement costs and capacity questionnaires."""

__version__ = "0.1.0"
