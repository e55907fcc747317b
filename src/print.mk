# Included by Makefile.am: printing and programme exchange.
