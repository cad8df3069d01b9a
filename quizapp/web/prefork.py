"""Ready a preloaded app in gunicorn's master process before it forks workers.

Both steps only serve a server that forks (gunicorn.conf.py's preload_app); tests and
`flask run` never call them.
"""

from __future__ import annotations

import gc

from flask import Flask


def compile_templates(app: object) -> int:
    """Compile every template once, so no worker pays for it on its first requests.

    Jinja compiles a template when it is first rendered and keeps it in the environment's
    cache; compiled in the master, the code is shared by every forked worker. A WSGI
    callable that is not the Flask app itself (wrapped in middleware) is left alone: the
    workers then compile on first use, as they would without this. Return how many
    templates were compiled.
    """
    if not isinstance(app, Flask):
        return 0
    names = app.jinja_env.list_templates(extensions=["html"])
    for name in names:
        app.jinja_env.get_template(name)
    return len(names)


def freeze_heap() -> None:
    """Move every object the master holds out of the garbage collector's sight.

    A worker's full collection otherwise walks the whole preloaded app (about 125,000
    objects: ~75-100 ms in which both of its threads stand still, which showed as the p99
    of bench/load.py) and, by touching each object's header, copies the shared pages into
    the worker. The objects stay alive; the collector only stops scanning them, as the
    gc.freeze documentation recommends right before fork().
    """
    gc.freeze()
