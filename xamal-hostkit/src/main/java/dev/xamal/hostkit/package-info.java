package dev.xamal.hostkit;
