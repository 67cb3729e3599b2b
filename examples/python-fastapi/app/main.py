"""A small FastAPI service backed by PostgreSQL."""

import os

from fastapi import FastAPI

app = FastAPI(title="orders")


@app.get("/")
def root() -> dict[str, str]:
    return {"hello": "world", "db": os.environ.get("DATABASE_URL", "unset")}
