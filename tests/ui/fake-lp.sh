#!/bin/sh
# A stand-in for lp in the headless tests: keeps a copy of what it was
# given as ./printed.pdf or ./printed.txt (arguments: -- FILE).
[ "$1" = "--" ] && shift
case $1 in
*.pdf) cp "$1" printed.pdf ;;
*) cp "$1" printed.txt ;;
esac
