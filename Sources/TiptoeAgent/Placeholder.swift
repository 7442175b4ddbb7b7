import TiptoeCore
