"""dockslim e2e fixture: a stdlib web app packaged with setuptools."""
