"""Request plumbing: what sits between Flask and the views, for every request.

- `sessions`: Flask's signed-cookie session, decoded only when something reads it, so a
  student's answer request never pays for it.
- `attempt_signing`: the answer form's CSRF token and the question's shown-at cookie, both
  HMACs bound to the attempt (a student's pages need no session).
- `security`: CSRF on every form, form bodies that are not text refused first, the security
  headers, `no-store` on teacher pages, the bounded `<int:>` converter, trusted proxies.
- `ratelimit`: the login, join and registration limits, counted in the database.
- `prepared`: statements compiled once and run on the request's own driver connection.
- `prefork`: what gunicorn's master does before it forks workers (templates compiled, heap
  frozen out of the garbage collector's scans).

Nothing here is imported by this package's `__init__`: each module is imported by name.
"""
