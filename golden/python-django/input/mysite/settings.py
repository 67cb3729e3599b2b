INSTALLED_APPS = ['django.contrib.staticfiles']
WSGI_APPLICATION = 'mysite.wsgi.application'
STATIC_URL = 'static/'
STATIC_ROOT = BASE_DIR / 'staticfiles'
