from django.urls import path

app_name = "awards"

urlpatterns = []
