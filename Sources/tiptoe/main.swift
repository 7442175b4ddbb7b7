import TiptoeCommands

runTiptoe()
