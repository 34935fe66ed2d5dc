"""Candidate profiles kept by the facilitator, with sourced facts and partners' corrections."""
