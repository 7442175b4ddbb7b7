import TiptoeCore
print(BuiltInRoutine.text)
