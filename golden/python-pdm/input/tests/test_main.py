def test_import():
    import svc.main  # noqa: F401
