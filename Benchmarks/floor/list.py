#!/usr/bin/env python3
"""The floor's input for a built site: "path size" per file, and "path =first/path" for a second
name of a file already listed (a hard link), in the order `find` walks the folder.
    Benchmarks/floor/list.py SITE > list"""
import os
import sys

root = sys.argv[1]
first_name = {}
for folder, folders, files in os.walk(root):
    for name in files:
        path = os.path.join(folder, name)
        info = os.lstat(path)
        relative = os.path.relpath(path, root)
        key = (info.st_dev, info.st_ino)
        if info.st_nlink > 1 and key in first_name:
            print(f"{relative} ={first_name[key]}")
        else:
            first_name[key] = relative
            print(f"{relative} {info.st_size}")
