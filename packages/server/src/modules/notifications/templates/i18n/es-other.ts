import type { enOther } from "./en-other";

/** Spanish (neutral Latin-American, "tú"): digests, the arrangement notice, account emails, every email's frame. */
export const esOther: Record<keyof typeof enOther, string> = {
  "layout.from": "Infoview, para {institution}",
  "footer.stop": "Dejar de recibir correos como este: {url}",
  "footer.preferences": "Elige qué correos te envía Infoview: {url}",
  "digest.requests.subject": "{count, plural, one {# solicitud espera} other {# solicitudes esperan}} tu respuesta",
  "digest.requests.intro":
    "Hay estudiantes esperando tu respuesta. Cada enlace de abajo hace una sola cosa, una sola vez: acepta ese horario o rechaza la solicitud, después de que lo confirmes en la página que abre.",
  "digest.requests.item": "{student} — vence el {expires}",
  "digest.requests.accept": "aceptar este horario {url}",
  "digest.requests.decline": "Rechazar: {url}",
  "digest.followUps.subject": "Seguimientos pendientes: {count}",
  "digest.followUps.heading": "Seguimientos que vencen pronto o ya vencieron:",
  "digest.followUps.thankYou": "Un agradecimiento a {alumnus}, antes del {due}",
  "digest.followUps.update": "Una actualización a {alumnus}, antes del {due}",
  "digest.followUps.check": "¿Se realizó tu conversación con {alumnus} del {when}?",
  "digest.followUps.checkOnce":
    "Cada enlace de respuesta funciona una sola vez; la primera respuesta de cualquiera de los dos es la que cuenta, y se le avisa a la otra persona.",
  "digest.advisor.subject": "{count, plural, one {# asunto necesita} other {# asuntos necesitan}} tu atención",
  "digest.advisor.caseload":
    "Estas son las listas que muestra tu panel de orientación para los estudiantes que tienes asignados; las listas de egresados son de toda la institución.",
  "digest.advisor.everyone":
    "Estas son las listas que muestra tu panel de orientación para todos los estudiantes (no tienes estudiantes asignados).",
  "digest.advisor.notSharing": "No aparecen los estudiantes que no comparten su actividad con los orientadores.",
  "digest.advisor.section": "{title} ({count}):",
  "digest.advisor.more": "…y {count} más en tu panel",
  "digest.advisor.unsettled": "Reuniones que nadie confirmó (una semana después del final)",
  "digest.advisor.unsettledItem": "{student} con {alumnus}, terminó el {ended}: {url}",
  "digest.advisor.overdue": "Agradecimientos atrasados",
  "digest.advisor.overdueItem": "{student} a {alumnus}, {days, plural, one {# día} other {# días}} de atraso: {url}",
  "digest.advisor.expiring": "Solicitudes que vencen en las próximas 48 horas",
  "digest.advisor.expiringItem": "{student} a {alumnus}, quedan {hours} h: {url}",
  "digest.advisor.inactive": "Estudiantes sin actividad desde hace 21 días o más",
  "digest.advisor.inactiveItem": "{student}, {days, plural, one {# día} other {# días}}: {url}",
  "digest.advisor.overloaded": "Egresados con más solicitudes que su capacidad mensual",
  "digest.advisor.overloadedItem": "{alumnus}: solicitudes abiertas: {open}; capacidad: {capacity}",
  "digest.advisor.unresponsive": "Egresados que no responden",
  "digest.advisor.unresponsiveItem": "{alumnus}: en espera hace más de 3 días: {waiting}; vencidas en 90 días: {expired}",
  "digest.advisor.open": "Abrir tu panel: {url}",
  "arrange.subject": "Por organizar con poca antelación: {what} para una conversación",
  "arrange.service": "{service, select, CAPTIONS {subtítulos en vivo (un subtitulador)} other {un intérprete de lengua de señas}}",
  "arrange.intro":
    "Una persona que participa en una entrevista informativa de {institution} pidió {what}. Falta menos que tu plazo de antelación de {days, plural, one {# día} other {# días}}, así que hay que organizarlo ya. Ya se le avisó y se le ofrecieron los horarios posteriores.",
  "arrange.booked": "La conversación está agendada para el {when}.",
  "arrange.notBooked": "La conversación todavía no está agendada.",
  "arrange.timesProposed": "Los horarios propuestos:",
  "arrange.how": "Cómo se reúnen: {how}.",
  "arrange.privacy":
    "Quién lo pidió, y cualquier otra cosa que necesite, se comparte con el centro de carreras solo si el estudiante así lo decide; nunca se le pregunta por qué.",
  "arrange.reference": "Referencia de la solicitud: {id}",
  "arrange.open": "Abrir Infoview: {url}",
  "account.ignore": "Si no pediste esto, puedes ignorar este correo.",
  "account.signIn.subject": "Tu enlace para iniciar sesión en Infoview",
  "account.signIn.link": "Iniciar sesión en Infoview: {link}",
  "account.signIn.lifetime": "Funciona una sola vez, durante {minutes} minutos.",
  "account.reset.subject": "Restablece tu contraseña de Infoview",
  "account.reset.link": "Elegir una contraseña nueva: {link}",
  "account.reset.lifetime":
    "El enlace funciona una sola vez, durante {minutes} minutos. Al restablecerla, se cierra tu sesión en todos los demás lugares.",
  "account.verify.subject": "Confirma tu dirección de correo para Infoview",
  "account.verify.link": "Confirmar que esta dirección es tuya: {link}",
  "account.verify.lifetime": "El enlace funciona una sola vez, durante 24 horas.",
  "account.invitation.subject": "Te invitaron a {institution} en Infoview",
  "account.invitation.role":
    "{role, select, STUDENT {estudiante} ALUMNUS {egresado voluntario} ADVISOR {orientador de carrera} other {administrador}}",
  "account.invitation.body":
    "{institution} te invita a unirte a Infoview como {role}.\nInfoview conecta a estudiantes con egresados para entrevistas informativas breves: conversaciones para saber cómo es realmente un campo.",
  "account.invitation.link": "Crear tu contraseña y empezar: {link}",
  "account.invitation.until": "Este enlace funciona hasta el {until}.",
  "account.erasure.subject": "Tu cuenta de Infoview de {institution} se eliminará el {due}",
  "account.erasure.body":
    "Pediste eliminar tu cuenta. El {due} (UTC) se borrará todo lo que el Infoview de {institution} guarda sobre ti: tu perfil, mensajes, notas y registro de contactos. Las personas con quienes te reuniste conservan sus propias notas, sin tu nombre.",
  "account.erasure.cancel":
    "¿Cambiaste de opinión? Inicia sesión antes de esa fecha y elige «Cancelar la eliminación» en la página de tu cuenta.",
  "account.erasure.account": "Tu cuenta: {url}",
  "account.erasure.copy": "¿Quieres una copia antes? «Descargar mis datos» está en la misma página.",
  "graduation.volunteer.subject": "Felicitaciones por tu graduación: ¿conversarías con estudiantes de {institution}?",
  "graduation.volunteer.account":
    "¡Felicitaciones por graduarte! Ahora eres egresado de {institution} en Infoview, con la misma cuenta: tu registro de contactos, tus notas y los nombres que te sugirieron siguen siendo tuyos.",
  "graduation.volunteer.ask":
    "¿Te ofrecerías para entrevistas informativas breves, de 20 a 30 minutos, con estudiantes que quieren saber cómo es de verdad tu campo? Tu perfil de egresado parte de tu perfil de estudiante (carrera, promoción, campos, lugar); revísalo y cambia lo que quieras.",
  "graduation.volunteer.consent": "Los estudiantes no ven nada sobre ti hasta que aceptes. Di que sí, o ahora no: {url}",
  "graduation.volunteer.control": "Tú decides cuántas solicitudes aceptas cada mes, y puedes pausar o dejarlo cuando quieras.",
};
