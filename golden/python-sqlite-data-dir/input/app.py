import os

from flask import Flask
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite:////var/lib/notes/notes.db")
db = SQLAlchemy(app)


@app.get("/")
def index():
    return {"notes": 0}
