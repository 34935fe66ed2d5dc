"""Table meetings: drafted agendas, attendance, notes and action items."""
