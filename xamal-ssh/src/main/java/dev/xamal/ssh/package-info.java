package dev.xamal.ssh;
