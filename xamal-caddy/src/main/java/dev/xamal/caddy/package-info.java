package dev.xamal.caddy;
