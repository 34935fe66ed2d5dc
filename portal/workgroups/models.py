"""Models of this domain (imported by portal.models)."""
