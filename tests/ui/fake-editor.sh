#!/bin/sh
# A stand-in for $VISUAL in the headless tests: replaces the text of the
# file it is given, as a person would in an editor.
printf 'Texto escrito en el editor\n' >"$1"
