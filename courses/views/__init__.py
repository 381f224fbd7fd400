"""Company-oriented courses: the staff's list, the agreement filled in together on a tablet at
the company, the approval page both parties sign on, the course's page with its history and
transitions, and the citizen's own read-only page. Every staff page names a citizen's course,
so every GET is written to the lookup log."""
