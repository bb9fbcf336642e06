import Parallax
print(BundledSeeds.files.map { "\($0.name) \($0.bytes.count)" })
