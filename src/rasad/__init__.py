"""rasad (رصد): Arabic news to sourced, structured knowledge."""

__version__ = "0.1.0"
SCHEMA_ID = "rasad/analysis@1"
