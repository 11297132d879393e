UPDATE controles SET sorties = $sorties WHERE controle_id = $controle_id
