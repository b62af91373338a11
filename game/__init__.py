"""Coalition: a turn-based negotiation wargame engine."""
