"""The teacher workspace: accounts, articles, review, authoring, sets, assignments, interop."""
