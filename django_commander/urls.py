from django.urls import path

from . import views

app_name = "django_commander"
urlpatterns = [path("", views.run_list, name="run_list")]
