"""Writes charset.txt: the characters kept in NotoSansSC-GB2312.otf (see README.md).

GB 2312 (all 7,445 graphic characters), printable ASCII and Latin-1, and a few symbols and name
characters outside GB 2312 that official documents and applicants' names often need. The server
reads charset.txt to know which characters the PDF font can draw.
"""
chars = set(chr(c) for c in range(0x20, 0x7F)) | set(chr(c) for c in range(0xA0, 0x100))
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
chars |= set('〔〕（）《》〈〉“”‘’「」『』【】〖〗、。，：；！？…—–·•¥￥×÷±°℃‰§№①②③④⑤⑥⑦⑧⑨⑩ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ〇〓□■○●△▲☆★※→←↑↓√Ω㎡㎏㎞²³€£')
chars |= set('堃喆玥珺昇淼旻赟琇婧钰祎玮琪炜翀瑄珏琦彧昱晗涵皓翊骞铖嫚妤婕犇镕燚垚沄泓琰珩瑾瑜璟骅祺禛煜熠昕晟暄曦')
with open('charset.txt', 'w', encoding='utf-8') as f:
    f.write(''.join(sorted(chars)))
print(len(chars), 'characters')
