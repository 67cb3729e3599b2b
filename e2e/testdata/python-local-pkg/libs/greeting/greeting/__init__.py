"""A tiny local package."""


def hello(name):
    return {"hello": name, "from": "python-local-pkg"}
