import json
import unittest

import server


class BodyTest(unittest.TestCase):
    def test_body_greets(self):
        self.assertEqual(json.loads(server.body()), {"hello": "e2e", "from": "python-local-pkg"})


if __name__ == "__main__":
    unittest.main()
