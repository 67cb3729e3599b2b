import json
import unittest

from hello_app import server


class BodyTest(unittest.TestCase):
    def test_body_greets(self):
        self.assertEqual(json.loads(server.body())["from"], "python-pyproject")


if __name__ == "__main__":
    unittest.main()
