package dev.xamal.testhosts;
